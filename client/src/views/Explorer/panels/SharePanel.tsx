import { useCallback } from 'react';
import { ShareLink } from '../../../components/ShareLink';
import { useExplorer, useExportTitle, useUrlQuery } from '../../../core/explorer';
import { fitsInLink, MAX_SHARE_QUERY } from '../../../state/url';
import { SaveSnapshotButton } from '../../Snapshots/SaveSnapshotButton';
import { snapshotViewNow, useVisibleSources } from './snapshotView';

/** The Share button of the toolbar: the view's link, or Save snapshot when the view is too big for one. */
export function SharePanel() {
  const query = useUrlQuery();
  const sigma = useExplorer((s) => s.sigma);
  const title = useExportTitle();
  const sources = useVisibleSources();
  const getView = useCallback(() => snapshotViewNow(sources), [sources]);
  const link = `${window.location.origin}/${query}`;
  return (
    <ShareLink
      link={link}
      fits={fitsInLink(query)}
      limit={MAX_SHARE_QUERY}
      tooBig={
        <SaveSnapshotButton
          sigma={sigma}
          getView={getView}
          defaultTitle={title === 'Parley' ? '' : title}
          buttonClassName="button"
        />
      }
    />
  );
}
