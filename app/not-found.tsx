import Link from "next/link";

export default function NotFound() {
  return (
    <div className="py-12 text-center">
      <h1 className="text-lg font-semibold text-zinc-100">Not found</h1>
      <p className="mt-2 text-zinc-400">
        No such page or target. <Link href="/" className="text-sky-300 underline underline-offset-2">Back to the targets</Link>
      </p>
    </div>
  );
}
