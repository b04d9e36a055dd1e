/** The legend under a line chart: each series' name in its colour (Recharts' own legend is not used). */
export function SeriesLegend({ series }: { series: readonly { key: string; name: string; color: string }[] }) {
  return (
    <ul className="mt-1 flex flex-wrap justify-center gap-x-4 text-xs" aria-label="Series">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5" style={{ color: s.color }}>
          <span aria-hidden className="h-0.5 w-3 bg-current" />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
