// One policy for both shells: the host sends it as a header, Electron adds it to every response.
// Email HTML is shown in a sandboxed srcdoc frame, so no remote origin is ever allowed.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The srcdoc frame inherits this policy on top of its own, so the email's inline styles need
  // it here; scripts stay 'self' only, and the frame's policy keeps everything else out.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob: about:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
