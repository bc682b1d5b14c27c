import type { Area } from "../areas";

/** The honest body of an area that is not built yet: what it will hold, and no made-up data. */
export function NotAvailable({ area }: { area: Area }) {
  return (
    <section className="state state-empty not-available" aria-labelledby={`${area.key}-na`}>
      <p className="state-title" id={`${area.key}-na`}>
        {area.title} is not available yet
      </p>
      <p>This version of Assay does not have this view. When it does, it will show:</p>
      <ul>
        {area.planned.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
