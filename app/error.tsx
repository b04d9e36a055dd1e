"use client";
import { useEffect, useState } from "react";

// A page whose first data failed. Production hides the cause from the browser, so ask /api/health
// whether it is the store (503 = down): that deserves its own words, not a generic error.
export default function PageError() {
  const [storeDown, setStoreDown] = useState(false);
  useEffect(() => {
    void fetch("/api/health", { cache: "no-store" })
      .then((r) => setStoreDown(r.status === 503))
      .catch(() => {});
  }, []);
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg rounded-md border border-amber-700 bg-amber-950/40 p-5">
      <h1 className="text-base font-semibold text-amber-200">{storeDown ? "The console's store is unavailable" : "This page could not be loaded"}</h1>
      <p className="mt-2 text-zinc-200">
        {storeDown
          ? "The console's store is unavailable — live data still streams; actions are refused until it returns."
          : "The console could not prepare this page. Try again; the server log says why."}
      </p>
      {/* The failure was on the server: fetch the page again rather than re-render it here. */}
      <button type="button" onClick={() => window.location.reload()} className="mt-3 rounded border border-zinc-600 px-3 py-1 text-zinc-100 hover:border-sky-400">
        Try again
      </button>
    </div>
  );
}
