/**
 * "Anterior" / "Siguiente" under a list the server pages by offset (Turnos, Documentos electrónicos,
 * Reportes → Ventas). The texts are the caller's (each screen owns its messages).
 */
export function OffsetPager(props: {
  offset: number;
  pageSize: number;
  total: number;
  onPage: (offset: number) => void;
  previous: string;
  next: string;
  /** "21–40 de 75", when the screen says where the page is. */
  summary?: string;
  className: string;
}) {
  const { offset, pageSize, total } = props;
  return (
    <nav className={props.className}>
      {props.summary && <span>{props.summary}</span>}
      <button
        type="button"
        className="button"
        disabled={offset === 0}
        onClick={() => props.onPage(Math.max(0, offset - pageSize))}
      >
        {props.previous}
      </button>
      <button
        type="button"
        className="button"
        disabled={offset + pageSize >= total}
        onClick={() => props.onPage(offset + pageSize)}
      >
        {props.next}
      </button>
    </nav>
  );
}
