//! Small browser helpers: fetch, download, root attributes for tests.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// Sets an attribute on `<html>` (readiness signals for tests and benchmarks).
pub fn set_root_attr(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// The absolute URL of a file under `data/`, resolved against the page.
pub fn data_url(path: &str) -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(&format!("data/{path}"), &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| format!("data/{path}"))
}

/// GETs a URL; `None` when the request fails or the status is not OK.
async fn fetch_ok(url: &str) -> Option<web_sys::Response> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    response.ok().then_some(response)
}

/// GETs a URL as text; `None` when it is missing or unreadable.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = fetch_ok(url).await?;
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// GETs a URL as bytes; `None` when it is missing or unreadable.
pub async fn fetch_bytes(url: &str) -> Option<Vec<u8>> {
    let response = fetch_ok(url).await?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Resolves after the browser has had a turn (a `setTimeout(0)`): long work
/// awaits this between steps so that the page keeps drawing and answering.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

/// Text as a `blob:` URL (revoke it when done).
pub fn blob_url(text: &str, mime: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// Offers text as a file download.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let url = blob_url(text, mime)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    document().body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Revoke later: the download starts asynchronously.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// Reads a dropped or chosen file as bytes.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
