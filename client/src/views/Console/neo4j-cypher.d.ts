/**
 * The package ships types, but its `exports` map has no `types` condition, so TypeScript's bundler resolution
 * cannot find them; this declares the part of CypherEditorProps the console uses.
 */
declare module '@neo4j-cypher/react-codemirror' {
  import type { ComponentType, CSSProperties } from 'react';
  export interface CypherEditorProps {
    value?: string;
    onValueChanged?: (value: string, changes?: unknown) => void;
    schema?: { labels?: string[]; relationshipTypes?: string[]; propertyKeys?: string[] };
    lineNumbers?: boolean;
    lineWrapping?: boolean;
    lint?: boolean;
    autofocus?: boolean;
    autocomplete?: boolean;
    placeholder?: string;
    theme?: 'light' | 'dark' | 'auto';
    className?: string;
    style?: CSSProperties;
  }
  export const CypherEditor: ComponentType<CypherEditorProps>;
}
