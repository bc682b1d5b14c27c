/**
 * One URL segment: percent-encoded where a path needs it, but keeping the characters a segment may hold
 * as they are (API ids are base64 and end in `=`; `/projects/UHJv…=/traces` stays readable).
 */
export function segment(value: string): string {
  return encodeURIComponent(value).replace(/%(3D|3A|40|2C|3B|2B|24|26|21|27|28|29|2A)/gi, (escaped) =>
    decodeURIComponent(escaped),
  );
}

/** The URL of one area (`traces`, `sessions`) of a project. */
export function projectPath(projectId: string, area: string): string {
  return `/projects/${segment(projectId)}/${area}`;
}
