/**
 * `Content-Disposition: attachment` for a file name with any characters
 * (RFC 6266): `filename*` carries the name in UTF-8 for every current browser,
 * `filename` an ASCII stand-in (å → a, § dropped) for clients that only read that.
 */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

function asciiFallback(fileName: string): string {
  return fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[–—]/g, "-")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "")
    .replace(/ {2,}/g, " ");
}

/** Percent-encoding of RFC 5987's value-chars: encodeURIComponent leaves ' ( ) * unencoded, which are not attr-chars. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
