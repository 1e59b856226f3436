/** A thread's state as a coloured word: open, closed or merged. */
export function StateBadge({ state }: { state: string }) {
  const word = state.toLowerCase();
  return <span className={`state state-${word}`}>{word.charAt(0).toUpperCase() + word.slice(1)}</span>;
}
