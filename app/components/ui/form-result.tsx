/** A post's outcome above a page's forms: what was done (announced politely), or what stopped it (announced at once). */
export function FormResult({ message, error }: { message?: string | null; error?: string | null }) {
  return (
    <>
      {message ? (
        <p className="notice notice--ok" role="status">
          {message}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
