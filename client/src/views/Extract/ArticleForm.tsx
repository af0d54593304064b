import type { FormEvent } from 'react';

export interface ArticleFields {
  text: string;
  title: string;
  outlet: string;
  published: string;
}

/** Paste an article, give what the text does not (title, outlet, date: never guessed), and ask for proposals. */
export function ArticleForm(props: {
  fields: ArticleFields;
  busy: boolean;
  onChange: (fields: ArticleFields) => void;
  onPropose: () => void;
}) {
  const { fields, onChange } = props;
  const set = (k: keyof ArticleFields) => (e: { target: { value: string } }) =>
    onChange({ ...fields, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onPropose();
  };
  return (
    <form className="extract-form" onSubmit={submit} aria-label="Article to read">
      <div className="extract-form-row">
        <label>
          Title
          <input value={fields.title} onChange={set('title')} placeholder="optional" />
        </label>
        <label>
          Outlet
          <input value={fields.outlet} onChange={set('outlet')} placeholder="optional" />
        </label>
        <label>
          Published
          <input type="date" value={fields.published} onChange={set('published')} />
        </label>
      </div>
      <label className="extract-form-text">
        Article text
        <textarea
          value={fields.text}
          onChange={set('text')}
          rows={14}
          placeholder="Paste the article here. Parley proposes the people, agencies, places, meetings and relationships it names; nothing is written until you add them."
        />
      </label>
      <button type="submit" disabled={props.busy || fields.text.trim() === ''}>
        {props.busy ? 'Reading…' : 'Propose'}
      </button>
    </form>
  );
}
