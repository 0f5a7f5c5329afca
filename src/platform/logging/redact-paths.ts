/** Secret-bearing fields, redacted wherever they appear in a log line (top level or one/two levels down). */
const SECRET_FIELDS = [
  'password',
  'new_password',
  'current_password',
  'secret',
  'secrets',
  'token',
  'access_token',
  'refresh_token',
  'api_key',
  'apiKey',
  'key',
  'key_hash',
  'authorization',
  'cookie',
  'x-api-key',
  'set-cookie',
  'private_key',
  'client_secret',
];

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [`["${f}"]`, `*["${f}"]`, `*.*["${f}"]`]),
];
