// Placeholder owned by the snapshots work (issue 5); replaced by the real snapshots list and viewer.
export default function SnapshotsView() {
  return <main aria-label="Snapshots">Snapshots are not built yet.</main>;
}
