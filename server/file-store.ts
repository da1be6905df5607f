import { LocalFileStore } from "../db/files/local-store";
import { S3FileStore } from "../db/files/s3-store";
import type { FileStore } from "../db/files/store";
import type { Env } from "./env";

/** The file store the environment asks for; env.ts has checked that FILE_STORE=s3 comes with every S3_* variable. */
export function fileStoreFor(env: Env): FileStore {
  if (env.FILE_STORE === "s3") {
    return new S3FileStore({
      endpoint: env.S3_ENDPOINT!,
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION!,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    });
  }
  return new LocalFileStore(env.FILES_PATH);
}
