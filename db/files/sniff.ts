import { fileTypeFromFile } from "file-type";
import { allowedFileTypes, type AllowedMediaType } from "../domain/file-types";

/**
 * The file's media type found by reading its content (magic numbers) when it is one of the allowed ones,
 * else null. Never the file's name or what the browser claims: a renamed program is refused, whatever it
 * is called. DOCX, XLSX and ODT are zip archives; file-type tells them from a plain zip by their parts
 * ([Content_Types].xml, mimetype), so a plain zip is refused too.
 */
export async function sniffAllowedType(file: string): Promise<AllowedMediaType | null> {
  const found = await fileTypeFromFile(file);
  return found && found.mime in allowedFileTypes ? (found.mime as AllowedMediaType) : null;
}
