// Long-lived resources live on globalThis: Next bundles its own copy of modules that server.ts
// also imports, so module-level state would not be shared between the two (see TOOLCHAIN.md).
const g = globalThis as { __pgTriageRegistry?: Map<string, unknown> };
const registry = (g.__pgTriageRegistry ??= new Map<string, unknown>());

export function singleton<T>(name: string, make: () => T): T {
  if (!registry.has(name)) registry.set(name, make());
  return registry.get(name) as T;
}

export function registered<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}

export function register<T>(name: string, value: T): T {
  registry.set(name, value);
  return value;
}

export function unregister(name: string): void {
  registry.delete(name);
}
