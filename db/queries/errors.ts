/** The caller may not do this; routes turn it into 403. */
export class ForbiddenError extends Error {
  constructor(message = "Du har inte behörighet till detta.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/**
 * The thing acted on does not exist, or the viewer may not see it: one answer
 * for both, so a refusal never tells that something exists (README decision 3).
 * Routes answer it with 404 and this message.
 */
export class NotFoundError extends Error {
  constructor() {
    super("Det finns inte, eller så har du inte behörighet att se det.");
    this.name = "NotFoundError";
  }
}

/** A uniqueness or consistency rule of the domain was broken; `field` names the form field. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

export function assertAdmin(viewer: { isAdmin: boolean }): void {
  if (!viewer.isAdmin) throw new ForbiddenError("Endast administratörer får göra detta.");
}
