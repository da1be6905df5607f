import { useActionData } from "@remix-run/react";
import type { FieldErrors } from "~/utils/forms";

type Answer = { ok: boolean; intent: string; target: string; fieldErrors?: FieldErrors; message?: string } | undefined;

/**
 * The answer to the lägesbild page's last post, if it was about this form (its intent and the row
 * it acted on): every form on the page shares the one action answer, and a refusal belongs next
 * to the control that was used.
 */
export function useFormAnswer(intents: string | string[], target: string | number): { errors: FieldErrors; message?: string } {
  const answer = useActionData() as Answer;
  const wanted = Array.isArray(intents) ? intents : [intents];
  if (!answer || !wanted.includes(answer.intent) || answer.target !== String(target)) return { errors: {} };
  return answer.ok ? { errors: {}, message: answer.message } : { errors: answer.fieldErrors ?? {} };
}
