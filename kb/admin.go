package kb

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// adminArea is one first-level administrative division with its outline.
type adminArea struct {
	name, iso2 string
	bound      orb.Bound
	geom       orb.Geometry // orb.Polygon or orb.MultiPolygon, lon/lat
}

// Admin1At returns the first-level division (province, governorate) and
// the ISO2 country containing a point, or "" and "" when the point lies
// outside the divisions the knowledge base outlines (the theatre: Syria,
// Iraq, Lebanon, Jordan, Turkey, Israel and Palestine).
func (g *Gazetteer) Admin1At(lat, lon float64) (admin1, iso2 string) {
	g.adminOnce.Do(func() {
		if g.adminSrc != nil {
			g.admin, g.adminErr = g.adminSrc()
		}
	})
	pt := orb.Point{lon, lat}
	for i := range g.admin {
		a := &g.admin[i]
		if !a.bound.Contains(pt) {
			continue
		}
		switch geom := a.geom.(type) {
		case orb.Polygon:
			if planar.PolygonContains(geom, pt) {
				return a.name, a.iso2
			}
		case orb.MultiPolygon:
			if planar.MultiPolygonContains(geom, pt) {
				return a.name, a.iso2
			}
		}
	}
	return "", ""
}

// loadAdminFS reads every *.geojson feature collection under dir; each
// feature has the properties "name" (admin1 name) and "iso2".
func loadAdminFS(fsys fs.FS, dir string) ([]adminArea, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("admin1 outlines: %w", err)
	}
	var out []adminArea
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".geojson") {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			return nil, fmt.Errorf("admin1 outlines %s: %w", e.Name(), err)
		}
		for _, f := range fc.Features {
			switch f.Geometry.(type) {
			case orb.Polygon, orb.MultiPolygon:
			default:
				continue
			}
			out = append(out, adminArea{
				name:  f.Properties.MustString("name", ""),
				iso2:  f.Properties.MustString("iso2", ""),
				bound: f.Geometry.Bound(),
				geom:  f.Geometry,
			})
		}
	}
	return out, nil
}
