package geo

import "math"

// earthRadiusKm is the mean Earth radius used for great-circle arithmetic.
const earthRadiusKm = 6371.0088

// Offset returns the point km kilometres from (lat, lon) along the initial
// bearing bearingDeg (0 north, 90 east), on a great circle of a spherical
// Earth. The error against the ellipsoid is under 0.5%, far below what a
// reported "60 km southwest" means.
func Offset(lat, lon, km, bearingDeg float64) (float64, float64) {
	if km == 0 {
		return lat, lon
	}
	φ1 := lat * math.Pi / 180
	λ1 := lon * math.Pi / 180
	θ := bearingDeg * math.Pi / 180
	δ := km / earthRadiusKm
	sinφ2 := math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(θ)
	φ2 := math.Asin(sinφ2)
	y := math.Sin(θ) * math.Sin(δ) * math.Cos(φ1)
	x := math.Cos(δ) - math.Sin(φ1)*sinφ2
	λ2 := λ1 + math.Atan2(y, x)
	lon2 := math.Mod(λ2*180/math.Pi+540, 360) - 180
	return φ2 * 180 / math.Pi, lon2
}

// Distance returns the great-circle (haversine) distance in kilometres
// between two points.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	φ1 := lat1 * math.Pi / 180
	φ2 := lat2 * math.Pi / 180
	dφ := (lat2 - lat1) * math.Pi / 180
	dλ := (lon2 - lon1) * math.Pi / 180
	a := math.Sin(dφ/2)*math.Sin(dφ/2) + math.Cos(φ1)*math.Cos(φ2)*math.Sin(dλ/2)*math.Sin(dλ/2)
	return 2 * earthRadiusKm * math.Atan2(math.Sqrt(a), math.Sqrt(1-a))
}
