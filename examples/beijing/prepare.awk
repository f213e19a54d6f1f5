# Turns the UCI "Beijing PM2.5" file (PRSA_data_2010.1.1-2014.12.31.csv) into station CSVs that
# nowcast-train reads: years 2010-2013 to train.csv, 2014 to test.csv (both in the directory given
# as -v out=DIR). Run with any POSIX awk (Debian's mawk will do):
#   awk -F, -v out=DIR -f prepare.awk PRSA_data_2010.1.1-2014.12.31.csv
#
# Columns written, in the station's own channel names and units (docs/sensors.md):
#   timestamp    year,month,day,hour as local time of Beijing, UTC+08:00 all year (no DST)
#   temperature  TEMP, °C
#   dewpoint     DEWP, °C
#   humidity     relative humidity from TEMP and DEWP (Magnus formula, Alduchov and Eskridge 1996), %
#   pressure     PRES, hPa
#   wind_dir     cbwd as degrees the wind blows from: NE 45, SE 135, NW 315; cv (calm or
#                variable) left empty, which the trainer reads as "no direction"
#   wind_speed   Iws is m/s summed over the hours since cbwd last changed: the hour's own speed is
#                Iws minus the previous hour's Iws while cbwd stays the same, else Iws; in km/h
#   precipitation 1 when the hour had rain or snow (Ir or Is counted up), else 0
# pm2.5 is left out (not weather, and blank in 2,067 rows).
BEGIN {
    OFS = ","
    header = "timestamp,temperature,dewpoint,humidity,pressure,wind_dir,wind_speed,precipitation"
    train = out "/train.csv"
    test = out "/test.csv"
    print header > train
    print header > test
    deg["NE"] = 45; deg["SE"] = 135; deg["NW"] = 315
}
{ sub(/\r$/, "") }
NR == 1 {
    # find the columns by name: the file's first column is a row number
    for (i = 1; i <= NF; i++) col[$i] = i
    split("year month day hour DEWP TEMP PRES cbwd Iws Is Ir", need, " ")
    for (k in need) if (!(need[k] in col)) { print "prepare.awk: no column " need[k] > "/dev/stderr"; exit 2 }
    next
}
{
    y = $col["year"]; t = $col["TEMP"] + 0; td = $col["DEWP"] + 0
    ts = sprintf("%04d-%02d-%02dT%02d:00:00+08:00", y, $col["month"], $col["day"], $col["hour"])
    rh = 100 * exp(17.625 * td / (243.04 + td) - 17.625 * t / (243.04 + t))
    cb = $col["cbwd"]; iws = $col["Iws"] + 0
    speed = (cb == prevCb) ? iws - prevIws : iws
    if (speed < 0) speed = iws
    prevCb = cb; prevIws = iws
    dir = (cb in deg) ? deg[cb] : ""
    wet = ($col["Ir"] + 0 > 0 || $col["Is"] + 0 > 0) ? 1 : 0
    line = ts OFS $col["TEMP"] OFS $col["DEWP"] OFS sprintf("%.1f", rh) OFS $col["PRES"] OFS dir OFS sprintf("%.2f", speed * 3.6) OFS wet
    if (y <= 2013) print line > train; else print line > test
}
