import { useEffect, useRef } from "react";

/**
 * Why a login did not go through, above the login page's forms. It takes the focus when it
 * appears: after the identity provider's redirect back the page loads anew, and a screen reader
 * does not announce an alert that was there from the start.
 */
export function LoginProblem({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <div className="notice notice--error" role="alert" tabIndex={-1} ref={ref}>
      {message}
    </div>
  );
}
