// Sending a file as a request's whole body, with its progress: fetch cannot report an
// upload's progress, so this one request goes by XMLHttpRequest. Answers and errors come
// back as `api` (http.js) gives them: the JSON, or an Error with `status` and `data`.

export function upload(path, file, type, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", type);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener("load", () => {
      let data = {};
      try {
        data = JSON.parse(xhr.responseText || "{}");
      } catch {
        data = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data);
      const err = new Error((data.error && data.error.message) || `Request failed (${xhr.status})`);
      err.status = xhr.status;
      err.data = data;
      reject(err);
    });
    xhr.addEventListener("error", () => {
      const err = new Error("You're offline — try again when you're back.");
      err.offline = true;
      reject(err);
    });
    xhr.send(file);
  });
}
