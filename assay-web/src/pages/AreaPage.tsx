import type { Area } from "../areas";
import { NotAvailable } from "../components/NotAvailable";
import { PageHeader } from "../components/PageHeader";

/** An area that is not project-specific, e.g. `/evaluators`. */
export function AreaPage({ area }: { area: Area }) {
  return (
    <>
      <PageHeader title={area.title} description={area.summary} />
      <NotAvailable area={area} />
    </>
  );
}
