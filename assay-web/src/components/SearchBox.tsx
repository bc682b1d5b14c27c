import { useState } from "react";
import { useSearchParams } from "react-router";

interface Props {
  /** The query parameter it sets, e.g. `name`. */
  param: string;
  label: string;
}

/** A filter kept in the URL: submitting sets `?<param>=` and returns to the first page. */
export function SearchBox({ param, label }: Props) {
  const [params, setParams] = useSearchParams();
  const [value, setValue] = useState(params.get(param) ?? "");
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        const next = new URLSearchParams(params);
        next.delete("cursor");
        if (value.trim()) {
          next.set(param, value.trim());
        } else {
          next.delete(param);
        }
        setParams(next);
      }}
    >
      <input type="search" aria-label={label} placeholder={label} value={value} onChange={(e) => setValue(e.target.value)} />
    </form>
  );
}
