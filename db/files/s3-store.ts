import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AwsClient } from "aws4fetch";
import { assertStorageKey, type FileStore } from "./store";

export interface S3Settings {
  /** The service's origin, e.g. https://s3.eu-north-1.amazonaws.com or a MinIO/Ceph address. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Files in an S3-compatible object store, for deployments that outgrow one machine. Requests are signed
 * with AWS Signature V4 (aws4fetch) and addressed path-style (<endpoint>/<bucket>/<key>), which every
 * S3-compatible service accepts. A PUT is complete (and durable, as the service defines it) when it answers 200.
 */
export class S3FileStore implements FileStore {
  private readonly client: AwsClient;
  private readonly base: string;

  constructor(settings: S3Settings) {
    this.client = new AwsClient({
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      service: "s3",
      region: settings.region,
    });
    this.base = `${settings.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(settings.bucket)}`;
  }

  private urlOf(key: string): string {
    assertStorageKey(key);
    return `${this.base}/${key}`;
  }

  async put(key: string, body: Readable | Uint8Array, size: number): Promise<void> {
    // The payload is sent as a stream with its length declared (S3 refuses an undeclared length), and signed
    // as UNSIGNED-PAYLOAD: its SHA-256 is already in our own record.
    const response = await this.client.fetch(this.urlOf(key), {
      method: "PUT",
      body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
      headers: { "Content-Length": String(size), "Content-Type": "application/octet-stream" },
      duplex: "half",
    } as RequestInit);
    await expectOk(response, "PUT", key);
  }

  async get(key: string): Promise<Readable> {
    const response = await this.client.fetch(this.urlOf(key), { method: "GET" });
    await expectOk(response, "GET", key);
    if (!response.body) throw new Error(`S3 GET ${key}: tomt svar`);
    return Readable.fromWeb(response.body as WebReadableStream);
  }

  async exists(key: string): Promise<boolean> {
    const response = await this.client.fetch(this.urlOf(key), { method: "HEAD" });
    if (response.status === 404) return false;
    await expectOk(response, "HEAD", key);
    return true;
  }

  async remove(key: string): Promise<void> {
    const response = await this.client.fetch(this.urlOf(key), { method: "DELETE" });
    if (response.status !== 404) await expectOk(response, "DELETE", key);
  }
}

async function expectOk(response: Response, method: string, key: string): Promise<void> {
  if (response.ok) return;
  const detail = (await response.text().catch(() => "")).replace(/\s+/g, " ").slice(0, 300);
  throw new Error(`S3 ${method} ${key}: ${response.status} ${detail}`);
}
