/**
 * The DIAN's environment, as `cbc:ProfileExecutionID` and the CUDE's last field (TipoAmbiente)
 * carry it: "1" production, "2" test (habilitación). Its own file: company settings need only this.
 */
export const dianEnvironments = ["1", "2"] as const;
export type DianEnvironment = (typeof dianEnvironments)[number];
