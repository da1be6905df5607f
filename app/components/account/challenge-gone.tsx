import { Link } from "@remix-run/react";
import { challengeGoneText } from "../../../db/domain/totp";

/** A second login step without a live challenge (five minutes passed, five wrong codes, or no login begun): start over. */
export function ChallengeGone({ heading }: { heading: string }) {
  return (
    <div className="page page--narrow">
      <h1>{heading}</h1>
      <p className="notice notice--error" role="alert">
        {challengeGoneText}
      </p>
      <p>
        <Link to="/login">Logga in igen</Link>
      </p>
    </div>
  );
}
