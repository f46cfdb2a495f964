//! The book's chart, written by hand as SVG: one panel per workload, one
//! bar per runtime, every bar labelled with its median.

use std::fmt::Write;

use crate::report::{Machine, Medians, clock_words, format_ms};

/// A median for a bar's label: `51.8 ms`, `1.41 s`.
fn format_time(nanos: f64) -> String {
    if nanos >= 1e9 {
        let s = nanos / 1e9;
        if s >= 10.0 {
            format!("{s:.1} s")
        } else {
            format!("{s:.2} s")
        }
    } else {
        format!("{} ms", format_ms(nanos))
    }
}
use crate::runner::Runtime;

const WIDTH: f64 = 880.0;
/// Where the bars start (the runtime names sit to the left).
const BAR_X: f64 = 110.0;
/// The longest bar; its label goes to the right of it.
const BAR_SPAN: f64 = 640.0;
const ROW: f64 = 18.0;

/// A panel's scale: the bar length of a value, and the grid lines (their
/// offsets and labels).
type Scale = (Box<dyn Fn(f64) -> f64>, Vec<(f64, String)>);

fn colour(runtime: Runtime) -> &'static str {
    match runtime {
        Runtime::Ours => "#d95f02",
        Runtime::Tokio => "#1b9e77",
        Runtime::Smol => "#7570b3",
        Runtime::CPython => "#4a7fb5",
        Runtime::Floor => "#888888",
    }
}

/// The SVG text of the chart.
pub fn chart(medians: &Medians, machine: &Machine, rounds: u32) -> String {
    let mut body = String::new();
    let mut y = 52.0;
    for (i, job) in medians.jobs.iter().enumerate() {
        let bars: Vec<(Runtime, f64)> = medians
            .runtimes
            .iter()
            .filter_map(|&r| medians.get(i, r).map(|v| (r, v)))
            .collect();
        if bars.is_empty() {
            continue;
        }
        let bytes = job.workload.measures_bytes();
        let title = if bytes {
            format!(
                "{}: live heap bytes per task (linear scale, shorter is better)",
                job.label()
            )
        } else {
            format!(
                "{}: milliseconds{} (log scale, shorter is better)",
                job.label(),
                clock_words(medians.clock)
            )
        };
        let _ = writeln!(
            body,
            r#"<text x="10" y="{y}" font-weight="bold">{}</text>"#,
            escape(&title)
        );
        y += 8.0;
        let top = y;
        let height = ROW * bars.len() as f64;
        let max = bars.iter().map(|b| b.1).fold(f64::MIN, f64::max);
        let min = bars.iter().map(|b| b.1).fold(f64::MAX, f64::min);
        // The bar length of a value, and the grid lines with their labels.
        let (length, grid): Scale = if bytes {
            let step = nice_step(max / 4.0);
            let top_value = (max / step).ceil() * step;
            let grid = (0..=((top_value / step) as usize))
                .map(|k| {
                    let v = k as f64 * step;
                    (v / top_value * BAR_SPAN, format!("{v:.0} B"))
                })
                .collect();
            (Box::new(move |v| v / top_value * BAR_SPAN), grid)
        } else {
            // Decades of milliseconds, from one below the fastest.
            let low = (min / 1e6).log10().floor() - 1.0;
            let high = (max / 1e6).log10().ceil().max(low + 1.0);
            let span = high - low;
            let grid = (0..=(span as usize))
                .map(|k| {
                    let exponent = low + k as f64;
                    (k as f64 / span * BAR_SPAN, decade_label(exponent))
                })
                .collect();
            (
                Box::new(move |v| ((v / 1e6).log10() - low) / span * BAR_SPAN),
                grid,
            )
        };
        for (x, label) in &grid {
            let x = BAR_X + x;
            let _ = writeln!(
                body,
                r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="#dddddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#666666">{label}</text>"##,
                top + height,
                top + height + 11.0
            );
        }
        for (row, (runtime, value)) in bars.iter().enumerate() {
            let y0 = top + row as f64 * ROW + 2.0;
            let w = length(*value).max(1.0);
            let shown = if bytes {
                format!("{value:.0} B")
            } else {
                format_time(*value)
            };
            let _ = writeln!(
                body,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{runtime}</text><rect x="{BAR_X}" y="{y0:.1}" width="{w:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}">{shown}</text>"#,
                BAR_X - 6.0,
                y0 + 11.0,
                ROW - 4.0,
                colour(*runtime),
                BAR_X + w + 4.0,
                y0 + 11.0,
            );
        }
        y = top + height + 34.0;
    }
    let height = y;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        svg,
        r##"<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r#"<text x="10" y="16" font-size="13" font-weight="bold">cargo lab bench: medians of {rounds} interleaved rounds</text>"#
    );
    let _ = writeln!(
        svg,
        r##"<text x="10" y="32" fill="#444444">{}</text>"##,
        escape(&format!("measured on {machine}"))
    );
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

/// 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: f64) -> f64 {
    let power = 10f64.powf(rough.max(1.0).log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&step| step >= rough)
        .unwrap_or(10.0 * power)
}

/// 10^exponent milliseconds, in words: `0.1 ms`, `10 ms`, `1 s`.
fn decade_label(exponent: f64) -> String {
    let ms = 10f64.powf(exponent);
    if ms >= 1000.0 {
        format!("{} s", ms / 1000.0)
    } else if ms >= 1.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{} ms", ms)
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
