package kb_test

import (
	"fmt"

	"github.com/sitrep/sitrep/kb"
)

func ExampleNormalize() {
	for _, s := range []string{"Deir ez-Zor", "Dayr az Zawr", "al-Bukamel", "Abu Kamal", "Ar-Raqqah", "Raqa"} {
		fmt.Printf("%s -> %s\n", s, kb.Normalize(s))
	}
	// Output:
	// Deir ez-Zor -> darzar
	// Dayr az Zawr -> darzar
	// al-Bukamel -> bakamal
	// Abu Kamal -> bakamal
	// Ar-Raqqah -> raka
	// Raqa -> raka
}

func ExampleGazetteer_Resolve() {
	k, err := kb.Load("")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, country := range []string{"LB", "LY"} {
		c, ok := k.Places.Resolve("Tripoli", kb.Hint{Countries: []string{country}})
		fmt.Println(ok, c.Place.Name, c.Place.Country, c.Place.Admin1 != "")
	}
	// Output:
	// true Tripoli LB true
	// true Tripoli LY true
}
