import { useEffect, type ReactNode } from "react";

interface Props {
  title: string;
  /** Shown above the title, e.g. the project a page belongs to. */
  context?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}

/** The heading of every page; also sets the document title. */
export function PageHeader({ title, context, description, actions }: Props) {
  useEffect(() => {
    document.title = `${title} · Assay`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        {context && <div className="page-context">{context}</div>}
        <h1>{title}</h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
