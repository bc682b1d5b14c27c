import { Link, useSearchParams } from "react-router";

interface Props {
  nextCursor?: string | null;
  hasMore: boolean;
}

/**
 * Forward paging over an API cursor, kept in the URL (`?cursor=`) so that every page is a link; the
 * browser's Back button returns to earlier pages.
 */
export function CursorPager({ nextCursor, hasMore }: Props) {
  const [params] = useSearchParams();
  const onFirstPage = !params.has("cursor");
  if (onFirstPage && !hasMore) {
    return null;
  }
  /** This page's URL with another cursor (none: the first page). */
  const at = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) {
      next.set("cursor", cursor);
    } else {
      next.delete("cursor");
    }
    return { search: next.toString() };
  };
  return (
    <nav className="pager" aria-label="Pages">
      {!onFirstPage && (
        <Link className="button" to={at(null)}>
          First page
        </Link>
      )}
      {hasMore && nextCursor && (
        <Link className="button" to={at(nextCursor)}>
          Next page
        </Link>
      )}
    </nav>
  );
}
