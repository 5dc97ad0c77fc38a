/** Header slot for the compute backend (filled by the compute settings once they exist). */
export function BackendSlot() {
  return <span className="muted">not chosen yet</span>;
}
