# demo/chart.gp: the demo's PNG report, from the files of demo/chart_data.sql.
#   gnuplot -e "dir='demo/out'" demo/chart.gp   -> demo/out/kpi-report.png
# Three KPI lines per team and quarter, the company's revenue retention, logo
# churn and rep turnover per quarter, then the company's pipeline waterfall
# of the last quarter as floating bars, its stage funnel as horizontal
# bars centered on 0, and its leads per quarter: conversions as bars, the
# median response as lines.
if (!exists("dir")) dir = "demo/out"
set terminal pngcairo size 1500,2520 font "DejaVu Sans,11" enhanced
set output dir."/kpi-report.png"
set datafile separator "\t"
set key outside right top vertical spacing 1.2 title "team"
set grid ytics lc rgb "#dddddd"
set xtics rotate by -30 nomirror
set ytics nomirror
set border 3
set offsets 0.3, 0.3, 0, 0
set format y "%.0f %%"
teams = 6
set style line 1 lc rgb "#1f77b4" lw 2 pt 7 ps 0.9
set style line 2 lc rgb "#aec7e8" lw 2 pt 7 ps 0.9
set style line 3 lc rgb "#d62728" lw 2 pt 5 ps 0.9
set style line 4 lc rgb "#ff9896" lw 2 pt 5 ps 0.9
set style line 5 lc rgb "#2ca02c" lw 2 pt 9 ps 1.0
set style line 6 lc rgb "#98df8a" lw 2 pt 9 ps 1.0
set style line 7 lc rgb "#9467bd" lw 2 pt 13 ps 1.0

set multiplot layout 7,1 title "salesops demo: KPIs per team and quarter, customers and reps, the pipeline waterfall, the stage funnel, the leads (sample CRM, 2024-2025)" font ",14"

set title "Win rate: won / closed deals (win\\_rate), deals by close date"
set yrange [0:*]
plot for [i=2:teams+1] dir."/win_rate.tsv" using 0:i:xtic(1) with linespoints ls (i-1) title columnheader(i)

set title "Value win rate: won amount / closed amount (value\\_win\\_rate)"
plot for [i=2:teams+1] dir."/value_win_rate.tsv" using 0:i:xtic(1) with linespoints ls (i-1) title columnheader(i)

set title "Forecast accuracy: 1 - WAPE of the reps' monthly forecasts (forecast\\_accuracy of rolled-up forecast\\_error)"
set yrange [*:100]
plot for [i=2:teams+1] dir."/forecast_accuracy.tsv" using 0:i:xtic(1) with linespoints ls (i-1) title columnheader(i)

# the company per quarter: NRR and GRR on the left axis, logo churn and rep
# turnover (per quarter, not annualized) on the right; the first quarter of
# the MRR table has no month before it (NaN: no point)
set title "Customers and reps, all teams: NRR and GRR (left), logo churn and rep turnover per quarter (right)"
set key title "company"
set yrange [*:*]
set y2range [0:*]
set y2tics nomirror
set format y2 "%.0f %%"
set border 11
plot dir."/retention.tsv" using 0:2:xtic(1) with linespoints ls 1 title "NRR (net\\_revenue\\_retention)", \
     "" using 0:3 with linespoints ls 5 title "GRR (gross\\_revenue\\_retention)", \
     "" using 0:4 axes x1y2 with linespoints ls 3 dt 2 title "logo churn (churn\\_rate)", \
     "" using 0:5 axes x1y2 with linespoints ls 7 dt 2 title "rep turnover (rep\\_turnover)"
unset y2tics
set border 3

# the waterfall: columns ord, bar, deals, lo, hi, kind (0 start / end, 1 in,
# 2 out), label, after (the pipeline after the bar; millions)
load dir."/waterfall.gp"
wf = dir."/waterfall.tsv"
set title waterfall_title
set key outside right top vertical spacing 1.2 title " "
set xtics norotate nomirror
set bmargin 4
set xrange [0.4:11.6]
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set format y "%.0f M"
set style fill solid 0.85 border lc rgb "#555555"
bw = 0.36
plot wf using 1:($6 == 0 ? ($4+$5)/2 : 1/0):($1-bw):($1+bw):4:5 with boxxyerror lc rgb "#6b7b8c" title "pipeline", \
     wf using 1:($6 == 1 ? ($4+$5)/2 : 1/0):($1-bw):($1+bw):4:5 with boxxyerror lc rgb "#2ca02c" title "in", \
     wf using 1:($6 == 2 ? ($4+$5)/2 : 1/0):($1-bw):($1+bw):4:5 with boxxyerror lc rgb "#d62728" title "out", \
     wf using ($1+bw):($1 < 11 ? $8 : 1/0):(1-2*bw):(0) with vectors nohead dt 2 lc rgb "#888888" notitle, \
     wf using 1:5:7 with labels offset 0,0.8 font ",10" notitle, \
     wf using 1:5:xtic(strcol(2)."\n".strcol(3)) with points ps 0 notitle

# the funnel: columns ord, name, kind (0 stage, 1 won), reached, advanced,
# open, dropped, then the bar's segments adv_lo..adv_hi (advanced),
# adv_hi..open_hi (open), open_hi..dropped_hi (dropped), centered on 0 so
# that each bar is as long as the stage's reached count, and the label
load dir."/funnel.gp"
fn = dir."/funnel.tsv"
set title funnel_title
set key outside right top vertical spacing 1.2 title " "
# no x axis: the bars are centered, the counts are in the labels
unset grid
unset xtics
set border 0
set bmargin 1
set offsets 0, 0, 0, 0
set xrange [-0.52 * funnel_max : 1.3 * funnel_max]
set yrange [funnel_rows + 0.6 : 0.4]
set format y "%s"
unset ytics
set ytics nomirror scale 0
set style fill solid 0.85 border lc rgb "#555555"
bh = 0.36
lx = 0.56 * funnel_max
plot fn using ($3 == 0 ? ($8+$9)/2 : 1/0):1:8:9:($1-bh):($1+bh) with boxxyerror lc rgb "#1f77b4" title "advanced", \
     fn using ($3 == 0 ? ($9+$10)/2 : 1/0):1:9:10:($1-bh):($1+bh) with boxxyerror lc rgb "#c7c7c7" title "open", \
     fn using ($3 == 0 ? ($10+$11)/2 : 1/0):1:10:11:($1-bh):($1+bh) with boxxyerror lc rgb "#d62728" title "dropped", \
     fn using ($3 == 1 ? 0 : 1/0):1:8:9:($1-bh):($1+bh) with boxxyerror lc rgb "#2ca02c" title "won", \
     fn using (lx):1:12:ytic(strcol(2)) with labels left font ",10" notitle

# the leads: columns quarter, leads, lead to opportunity %, lead to
# customer %, median response h (wall clock), the same in business hours;
# the conversions as bars side by side (left axis, labelled), the medians
# as lines (right axis)
load dir."/leads.gp"
ld = dir."/leads.tsv"
set title leads_title
set key outside right top vertical spacing 1.2 title "company"
set grid ytics lc rgb "#dddddd"
set border 11
set bmargin 4
set xtics rotate by -30 nomirror
set xrange [-0.6 : leads_rows - 0.4]
set offsets 0, 0, graph 0.1, 0
set yrange [0:*]
set format y "%.0f %%"
set ytics nomirror scale 1
set y2range [0:*]
set y2tics nomirror
set format y2 "%.1f h"
set style fill solid 0.85 border lc rgb "#555555"
set boxwidth 0.34 absolute
plot ld skip 1 using ($0-0.18):3 with boxes lc rgb "#1f77b4" title "lead to opportunity", \
     ld skip 1 using ($0+0.18):4 with boxes lc rgb "#2ca02c" title "lead to customer", \
     ld skip 1 using ($0-0.18):3:(sprintf("%.1f", $3)) with labels offset 0,0.7 font ",9" notitle, \
     ld skip 1 using ($0+0.18):4:(sprintf("%.1f", $4)) with labels offset 0,0.7 font ",9" notitle, \
     ld skip 1 using 0:5:xtic(1) axes x1y2 with linespoints ls 3 title "median response, wall clock", \
     ld skip 1 using 0:6 axes x1y2 with linespoints ls 3 dt 2 title "median, business hours"
unset y2tics

unset multiplot
