import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/** A small POST form to the meeting page's action with a named intent. */
export function ActionForm({ intent, fields = {}, children, className }: { intent: string; fields?: Record<string, string | number>; children: ReactNode; className?: string }) {
  return (
    <Form method="post" preventScrollReset className={className ?? "inline-form"}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  );
}
