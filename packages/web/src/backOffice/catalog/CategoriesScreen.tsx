import { categoriesConfig, NameOnlyScreen } from "./NameOnlyScreens";

/** Categorías (/admin/categorias). */
export default function CategoriesScreen() {
  return <NameOnlyScreen config={categoriesConfig} />;
}
