/** The engine's messages as the Indonesian texts the tests read (they assert the Indonesian rendering). */
import { renderMessage, type Message } from "../../src/core/engine/messages";

export function idText(m: Message | undefined): string {
  return m ? renderMessage(m, "id") : "";
}

export function idTexts(ms: readonly Message[]): string[] {
  return ms.map((m) => renderMessage(m, "id"));
}
