/**
 * The browser-facing URLs built from tokens the API returns.
 *
 * @module
 */

const base = (serverUrl: string) => serverUrl.replace(/\/+$/, '');

/**
 * The URL a user opens to join a room with a token from `getJoinToken`.
 *
 * @example
 * ```ts
 * joinUrl('https://demo.plugnmeet.com', token); // 'https://demo.plugnmeet.com/?access_token=…'
 * ```
 */
export function joinUrl(serverUrl: string, token: string): string {
  return `${base(serverUrl)}/?access_token=${encodeURIComponent(token)}`;
}

/**
 * `GET` URL of a recording, from a `getRecordingDownloadToken` token (valid 30 min by default).
 *
 * @example
 * ```ts
 * recordingDownloadUrl(serverUrl, token); // '…/download/recording/<token>'
 * ```
 */
export function recordingDownloadUrl(serverUrl: string, token: string): string {
  return `${base(serverUrl)}/download/recording/${encodeURIComponent(token)}`;
}

/**
 * `GET` URL of an artifact file, from a `getArtifactDownloadToken` token.
 *
 * @example
 * ```ts
 * artifactDownloadUrl(serverUrl, token); // '…/download/artifact/<token>'
 * ```
 */
export function artifactDownloadUrl(serverUrl: string, token: string): string {
  return `${base(serverUrl)}/download/artifact/${encodeURIComponent(token)}`;
}

/**
 * `GET` URL of an analytics file, from a `getAnalyticsDownloadToken` token.
 *
 * @deprecated Analytics are artifacts now; use {@link artifactDownloadUrl}.
 * @example
 * ```ts
 * analyticsDownloadUrl(serverUrl, token); // '…/download/analytics/<token>'
 * ```
 */
export function analyticsDownloadUrl(serverUrl: string, token: string): string {
  return `${base(serverUrl)}/download/analytics/${encodeURIComponent(token)}`;
}
