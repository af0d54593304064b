// Placeholder owned by the console work (issue 4); replaced by the real Cypher console.
export default function ConsoleView() {
  return <main aria-label="Cypher console">The Cypher console is not built yet.</main>;
}
