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

// adminArea is one first-level administrative division with its outline,
// or a whole country (country set).
type adminArea struct {
	name, iso2 string
	country    bool
	bound      orb.Bound
	geom       orb.Polygon // lon/lat
}

// Admin1At returns the first-level division (province, governorate) and
// the ISO2 country containing a point. The knowledge base outlines the
// divisions of the theatre (Syria, Iraq, Lebanon, Jordan, Turkey, Israel
// and Palestine); elsewhere admin1 is "" and only the country is found,
// from Natural Earth outlines. Both are "" at sea or when unknown.
func (g *Gazetteer) Admin1At(lat, lon float64) (admin1, iso2 string) {
	g.adminOnce.Do(func() {
		if g.adminSrc != nil {
			g.admin, g.adminErr = g.adminSrc()
		}
	})
	pt := orb.Point{lon, lat}
	for _, countries := range []bool{false, true} {
		if name, iso := g.areaAt(pt, countries); iso != "" {
			return name, iso
		}
	}
	return "", ""
}

// areaAt finds the division (or, with countries, the country) containing
// pt.
func (g *Gazetteer) areaAt(pt orb.Point, countries bool) (string, string) {
	for i := range g.admin {
		a := &g.admin[i]
		if a.country != countries || !a.bound.Contains(pt) {
			continue
		}
		if planar.PolygonContains(a.geom, pt) {
			return a.name, a.iso2
		}
	}
	return "", ""
}

// loadAdminFS reads every *.geojson feature collection under dir; each
// feature has the properties "name" (admin1 name) and "iso2", and
// "level": "country" for a country outline.
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
			// One area per polygon, so that the bounding boxes of
			// scattered parts (islands, exclaves) stay tight.
			polys := []orb.Polygon{}
			switch geom := f.Geometry.(type) {
			case orb.Polygon:
				polys = append(polys, geom)
			case orb.MultiPolygon:
				polys = append(polys, geom...)
			}
			for _, p := range polys {
				out = append(out, adminArea{
					name:    f.Properties.MustString("name", ""),
					iso2:    f.Properties.MustString("iso2", ""),
					country: f.Properties.MustString("level", "") == "country",
					bound:   p.Bound(),
					geom:    p,
				})
			}
		}
	}
	return out, nil
}
