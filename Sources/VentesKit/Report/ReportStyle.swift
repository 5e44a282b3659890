/// The report's inline style sheet: readable on a phone, tidy on paper, no external resource.
enum ReportStyle {
    static let css = """
        :root { --ink: #1a202c; --muted: #4a5568; --accent: #2b6cb0; --accent-soft: #bee3f8; --line: #e2e8f0; --card: #fff; --page: #f4f6f9; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--page); color: var(--ink);
               font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
        h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 4px; }
        h2 { font-size: 1.3rem; margin: 36px 0 12px; }
        h3 { font-size: 1.05rem; margin: 24px 0 4px; }
        .subtitle, .question, footer { color: var(--muted); }
        .subtitle { margin: 0 0 20px; }
        .question { margin: 0 0 8px; font-size: .9rem; }
        .kpis { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px;
                grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); }
        .kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
        .kpi .label { display: block; color: var(--muted); font-size: .85rem; }
        .kpi .value { display: block; font-size: 1.45rem; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.3; }
        .kpi .value.small { font-size: 1.05rem; padding-top: .35rem; }
        .kpi.main { border-left: 4px solid var(--accent); }
        .kpi.long { grid-column: span 2; }
        .highlights { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin: 0; padding: 12px 16px 12px 36px; }
        .highlights li { margin: 6px 0; }
        .charts { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); }
        figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px 14px;
                 break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: 650; margin: 0 0 10px; }
        svg.chart { display: block; width: 100%; max-width: 560px; height: auto; overflow: visible; }
        svg.chart text { font-size: 13px; fill: var(--ink); font-family: inherit; }
        svg.chart .note, svg.chart .axis { fill: var(--muted); font-size: 12px; }
        svg.chart .value { font-weight: 600; font-variant-numeric: tabular-nums; }
        svg.chart .bar { fill: var(--accent); }
        svg.chart .grid { stroke: var(--line); stroke-width: 1; }
        svg.chart .line { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
        svg.chart .dot { fill: var(--card); stroke: var(--accent); stroke-width: 2; }
        .table-wrap { width: fit-content; max-width: 100%; overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
        table { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; }
        th, td { padding: 6px 12px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
        th { background: #edf2f7; font-weight: 600; white-space: normal; vertical-align: bottom; }
        tbody tr:last-child td { border-bottom: 0; }
        .num { text-align: right; }
        .chart-note { margin: 8px 0 0; font-size: .85rem; color: var(--muted); }
        .failed { color: #9b2c2c; }
        footer { margin-top: 40px; font-size: .85rem; border-top: 1px solid var(--line); padding-top: 12px; }
        @media (max-width: 600px) {
            main { padding: 16px 12px 32px; }
            h1 { font-size: 1.45rem; }
            .kpis { grid-template-columns: 1fr 1fr; gap: 8px; }
            .kpi { padding: 10px 12px; }
            .kpi .value { font-size: 1.2rem; }
            .kpi .value.small { font-size: .95rem; }
            .kpi.wide, .kpi.main { grid-column: span 2; }
            .charts { grid-template-columns: 1fr; }
            figure { padding: 10px 10px 12px; }
            table { font-size: .85rem; }
            th, td { padding: 5px 8px; }
        }
        @media print {
            @page { margin: 14mm; }
            body { background: #fff; font-size: 10.5pt; }
            main { max-width: none; padding: 0; }
            .kpi, figure, .highlights, .table-wrap { border-color: #bbb; }
            .charts { grid-template-columns: 1fr 1fr; gap: 8pt; }
            figure { padding: 6pt 8pt; }
            .table-wrap { overflow: visible; border: 0; }
            table { font-size: 8.5pt; }
            th, td { white-space: normal; padding: 3pt 6pt; }
            h2, h3 { break-after: avoid; page-break-after: avoid; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            svg.chart .bar { fill: #2b6cb0; }
            * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
