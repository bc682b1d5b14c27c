export type Theme = "light" | "dark";

/** localStorage key; index.html reads the same key before the first paint. */
const KEY = "assay.theme";

function systemTheme(): Theme {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null;
  }
}

/** The theme in force: the stored choice, else the system's preference. */
export function currentTheme(): Theme {
  return storedTheme() ?? systemTheme();
}

export function applyTheme(theme: Theme, remember: boolean): void {
  document.documentElement.dataset.theme = theme;
  if (remember) {
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // Storage refused (private mode): the choice lasts for this page only.
    }
  }
}

/** Follows the system preference while the user has not chosen; returns the unsubscribe function. */
export function followSystemTheme(onChange: (theme: Theme) => void): () => void {
  const query = matchMedia("(prefers-color-scheme: dark)");
  const listener = () => {
    if (storedTheme() === null) {
      applyTheme(systemTheme(), false);
      onChange(systemTheme());
    }
  };
  query.addEventListener("change", listener);
  return () => query.removeEventListener("change", listener);
}
