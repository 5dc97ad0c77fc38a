/** Your own files: drop or pick, choose a format, map columns. */
export function FileSource() {
  return (
    <section className="card" aria-labelledby="files-title">
      <div className="card__head">
        <h2 id="files-title">Your files</h2>
      </div>
      <div className="card__body">
        <div className="dropzone">Drop files here</div>
      </div>
    </section>
  );
}
