import type { FileCategory } from "./enums";

/**
 * The types a handling may have (found by reading the content, see db/files/sniff.ts) with the short
 * name the pages show, and the size limit. Pure, so the pages can show them too.
 */
export const allowedFileTypes = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
  "application/vnd.oasis.opendocument.text": "ODT",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
} as const;

export type AllowedMediaType = keyof typeof allowedFileTypes;

/** The largest file accepted: 25 MB. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** A hint for the file picker (`accept`); the server decides by the content. */
export const FILE_ACCEPT_HINT = ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg";

export const FILE_TYPE_REFUSAL = "Filtypen är inte tillåten. Tillåtna är PDF, Word (DOCX), Excel (XLSX), ODT, PNG och JPEG.";
export const FILE_SIZE_REFUSAL = "Filen är för stor. Största tillåtna storlek är 25 MB.";

export function fileTypeLabel(mediaType: string): string {
  return allowedFileTypes[mediaType as AllowedMediaType] ?? mediaType;
}

export const fileCategoryLabels: Record<FileCategory, string> = {
  bilaga: "Bilaga",
  signerat_original: "Signerat original",
  andring: "Ändring",
  handling: "Handling",
  beslutsbilaga: "Beslutsbilaga",
};

/** "1,2 MB", "340 kB", "512 byte": a file's size as Swedish text (decimal comma, 1 MB = 1024 × 1024 byte), on pages and in PDFs. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "kB"] : [bytes / (1024 * 1024), "MB"];
  const shown = value < 10 ? value.toFixed(1) : Math.round(value).toString();
  return `${shown.replace(".", ",")} ${unit}`;
}

/** A file as the pages list it: the evidence of which bytes it is, who uploaded them and when. */
export interface FileView {
  id: number;
  category: FileCategory;
  fileName: string;
  title: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploaderName: string;
}
