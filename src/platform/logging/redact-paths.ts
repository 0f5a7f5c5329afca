/** Field names that hold secrets: their values never reach a log line, at any depth. */
const SECRET_FIELD = /^(password|new_password|current_password|secret|secrets|token|access_token|refresh_token|api_?key|key|key_hash|authorization|cookie|set-cookie|x-api-key|private_?key|client_secret)$/i;

/** Credential headers, redacted by pino's own path redaction (cheap: fixed paths, no wildcards). */
export const redactPaths = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'];

const MAX_DEPTH = 6;

/**
 * A copy of a log line's object with every secret-named field censored, however deep. Done once per
 * written line (pino `formatters.log`), where wildcard redaction paths would cost on every logger.
 */
export function censorSecrets(value: Record<string, unknown>): Record<string, unknown> {
  return censor(value, 0) as Record<string, unknown>;
}

function censor(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return value; // pino's error serializer takes it from here
  if (Array.isArray(value)) return value.map((item) => censor(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    copy[field] = SECRET_FIELD.test(field) ? '[redacted]' : censor(inner, depth + 1);
  }
  return copy;
}
