"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server component around it periodically: the overview is cheap (no database queries). */
export function AutoRefresh({ intervalMs }: { intervalMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs]);
  return null;
}
