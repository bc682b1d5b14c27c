import { useEffect, useState } from "react";
import { applyTheme, currentTheme, followSystemTheme } from "../theme";

/** Switches between the light and dark theme; the choice is remembered in this browser. */
export function ThemeToggle() {
  const [theme, setTheme] = useState(currentTheme);
  useEffect(() => followSystemTheme(setTheme), []);
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="button theme-toggle"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={() => {
        applyTheme(next, true);
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span> {next === "dark" ? "Dark" : "Light"}
    </button>
  );
}
