// Talking to the wirewatch REST API: one place turns its JSON errors into messages.

export class ApiError extends Error {}

export async function get(path, params = new URLSearchParams()) {
  const query = params.toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && body.error ? body.error.message : response.statusText;
    throw new ApiError(`${response.status}: ${detail}`);
  }
  return body;
}

export function url(path, params) {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
