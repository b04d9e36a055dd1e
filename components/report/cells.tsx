import type { ReactNode } from "react";

// Neutral styles (inherited colour, translucent borders): the same tables read on the dark console and on paper.
export const TABLE = "w-full border-collapse text-left text-xs";
export const TH = "border-b border-zinc-500/50 px-2 py-1 font-semibold";
export const TD = "border-b border-zinc-500/25 px-2 py-1 align-top";

export function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th key={c} scope="col" className={TH}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export const Td = ({ children, className = "" }: { children: ReactNode; className?: string }) => <td className={`${TD} ${className}`}>{children}</td>;
