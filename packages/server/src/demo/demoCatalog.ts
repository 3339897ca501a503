/** The demo shop's catalog: realistic Colombian corner-shop goods, prices in pesos (tax included). */
export type DemoTax = "IVA19" | "IVA5" | "EXENTO" | "INC8";

export const demoCategories = ["Bebidas", "Abarrotes", "Aseo", "Panadería", "Comidas preparadas"] as const;

export const demoProducts: { name: string; category: (typeof demoCategories)[number]; price: number; tax: DemoTax }[] =
  [
    { name: "Gaseosa Cola 400 ml", category: "Bebidas", price: 3500, tax: "IVA19" },
    { name: "Gaseosa Naranja 1,5 L", category: "Bebidas", price: 6200, tax: "IVA19" },
    { name: "Agua sin gas 600 ml", category: "Bebidas", price: 2500, tax: "IVA19" },
    { name: "Jugo de mango 300 ml", category: "Bebidas", price: 3000, tax: "IVA19" },
    { name: "Cerveza lata 330 ml", category: "Bebidas", price: 4200, tax: "IVA19" },
    { name: "Café molido 250 g", category: "Bebidas", price: 12900, tax: "IVA5" },
    { name: "Chocolate de mesa 250 g", category: "Bebidas", price: 7800, tax: "IVA5" },
    { name: "Leche entera 1 L", category: "Bebidas", price: 4700, tax: "EXENTO" },
    { name: "Arroz blanco 1 kg", category: "Abarrotes", price: 4900, tax: "EXENTO" },
    { name: "Fríjol cargamanto 500 g", category: "Abarrotes", price: 7500, tax: "EXENTO" },
    { name: "Lenteja 500 g", category: "Abarrotes", price: 4300, tax: "EXENTO" },
    { name: "Huevos AA x 30", category: "Abarrotes", price: 19500, tax: "EXENTO" },
    { name: "Aceite de girasol 1 L", category: "Abarrotes", price: 11900, tax: "IVA19" },
    { name: "Azúcar 1 kg", category: "Abarrotes", price: 4800, tax: "IVA5" },
    { name: "Sal refinada 1 kg", category: "Abarrotes", price: 2100, tax: "EXENTO" },
    { name: "Pasta espagueti 500 g", category: "Abarrotes", price: 3900, tax: "IVA5" },
    { name: "Atún en aceite 170 g", category: "Abarrotes", price: 6900, tax: "IVA19" },
    { name: "Panela 500 g", category: "Abarrotes", price: 3200, tax: "EXENTO" },
    { name: "Harina de maíz 1 kg", category: "Abarrotes", price: 3600, tax: "IVA5" },
    { name: "Galletas de soda x 9", category: "Abarrotes", price: 5200, tax: "IVA19" },
    { name: "Jabón de barra x 3", category: "Aseo", price: 8900, tax: "IVA19" },
    { name: "Detergente en polvo 1 kg", category: "Aseo", price: 12500, tax: "IVA19" },
    { name: "Papel higiénico x 4", category: "Aseo", price: 9800, tax: "IVA19" },
    { name: "Crema dental 100 ml", category: "Aseo", price: 7200, tax: "IVA19" },
    { name: "Shampoo 400 ml", category: "Aseo", price: 15900, tax: "IVA19" },
    { name: "Blanqueador 1 L", category: "Aseo", price: 4500, tax: "IVA19" },
    { name: "Lavaloza crema 500 g", category: "Aseo", price: 6400, tax: "IVA19" },
    { name: "Toallas de cocina x 2", category: "Aseo", price: 7900, tax: "IVA19" },
    { name: "Pan tajado 500 g", category: "Panadería", price: 6800, tax: "EXENTO" },
    { name: "Pan de bono", category: "Panadería", price: 1800, tax: "EXENTO" },
    { name: "Almojábana", category: "Panadería", price: 2000, tax: "EXENTO" },
    { name: "Croissant", category: "Panadería", price: 3500, tax: "IVA19" },
    { name: "Torta de chocolate porción", category: "Panadería", price: 6500, tax: "INC8" },
    { name: "Pandebono x 6", category: "Panadería", price: 9500, tax: "EXENTO" },
    { name: "Empanada de carne", category: "Comidas preparadas", price: 2500, tax: "INC8" },
    { name: "Arepa de huevo", category: "Comidas preparadas", price: 4500, tax: "INC8" },
    { name: "Tamal tolimense", category: "Comidas preparadas", price: 12000, tax: "INC8" },
    { name: "Buñuelo", category: "Comidas preparadas", price: 1500, tax: "INC8" },
    { name: "Sándwich de jamón y queso", category: "Comidas preparadas", price: 9500, tax: "INC8" },
    { name: "Almuerzo ejecutivo", category: "Comidas preparadas", price: 18000, tax: "INC8" },
    { name: "Café tinto", category: "Comidas preparadas", price: 1500, tax: "INC8" },
    { name: "Chocolate caliente", category: "Comidas preparadas", price: 3000, tax: "INC8" },
  ];

/** EAN-13 with a valid check digit, from a running number (770 = Colombia's GS1 prefix). */
export function ean13(seq: number): string {
  const body = `770${String(seq).padStart(9, "0")}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}
