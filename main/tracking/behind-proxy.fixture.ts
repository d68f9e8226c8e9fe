// Test fixture: fetch as a deployed relay's reverse proxy forwards a request, naming the client it saw.
export const behindProxy = (client: string): typeof fetch => (input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-forwarded-for': client } });
