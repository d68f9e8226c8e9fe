export function bundleNode(entryPoints: Record<string, string>, outdir: string, options?: { importMeta?: boolean }): Promise<unknown>;
